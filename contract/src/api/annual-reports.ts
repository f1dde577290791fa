import { z } from 'zod';
import {
  annualReportDraftSchema,
  annualReportListSchema,
  annualReportViewSchema,
  cityCheckInputSchema,
  evaluationInputSchema,
  rectificationAcceptSchema,
  rectificationOrderSchema,
  rectificationResponseSchema,
} from '../annual-report.js';
import { endpoint, fileDownload } from './endpoint.js';

/**
 * The recognised platform's years (issue 16 item 5): the platform files its yearly report, its city checks it, the
 * province evaluates it and sees the flags; the province orders 整改 with a deadline, the platform answers, the
 * province accepts it (or revokes the recognition).
 */

const reportParams = z.object({
  recognitionId: z.uuid({ error: '认定编号格式不正确' }),
  year: z.coerce
    .number({ error: '须为年份' })
    .int()
    .min(2000, { error: '年份不正确' })
    .max(2100, { error: '年份不正确' }),
});
const recognitionParams = z.object({ recognitionId: z.uuid({ error: '认定编号格式不正确' }) });
/** Without a year: the year whose reports are being filed now (last year, by the server's Beijing date). */
const yearQuery = z.object({
  year: z.coerce
    .number({ error: '须为年份' })
    .int()
    .min(2000, { error: '年份不正确' })
    .max(2100, { error: '年份不正确' })
    .optional(),
});

/** The applicant: its recognised platforms' reports. */
export const myAnnualReportEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/v1/my/annual-reports',
    response: z.object({ reports: z.array(annualReportViewSchema) }),
  }),
  save: endpoint({
    method: 'PUT',
    path: '/api/v1/my/annual-reports/:recognitionId/:year',
    params: reportParams,
    body: annualReportDraftSchema,
    response: annualReportViewSchema,
  }),
  submit: endpoint({
    method: 'POST',
    path: '/api/v1/my/annual-reports/:recognitionId/:year/submit',
    params: reportParams,
    response: annualReportViewSchema,
  }),
  /** The served-enterprise roster of the year, from the roster template (.xlsx): 年服务企业数 becomes its rows. */
  importRoster: endpoint({
    method: 'POST',
    path: '/api/v1/my/annual-reports/:recognitionId/:year/roster',
    params: reportParams,
    upload: true,
    response: annualReportViewSchema,
  }),
  roster: endpoint({
    method: 'GET',
    path: '/api/v1/my/annual-reports/:recognitionId/:year/roster.xlsx',
    params: reportParams,
    response: fileDownload,
  }),
  respondToRectification: endpoint({
    method: 'PUT',
    path: '/api/v1/my/recognitions/:recognitionId/rectification',
    params: recognitionParams,
    body: rectificationResponseSchema,
    response: annualReportViewSchema,
  }),
};

/** The city (its own platforms) and the province (all). */
export const annualReportEndpoints = {
  list: endpoint({ method: 'GET', path: '/api/v1/annual-reports', query: yearQuery, response: annualReportListSchema }),
  get: endpoint({
    method: 'GET',
    path: '/api/v1/annual-reports/:recognitionId/:year',
    params: reportParams,
    response: annualReportViewSchema,
  }),
  /** The workbook the platform imported its roster from (contacts' names and phones: audited). */
  roster: endpoint({
    method: 'GET',
    path: '/api/v1/annual-reports/:recognitionId/:year/roster.xlsx',
    params: reportParams,
    response: fileDownload,
  }),
  cityCheck: endpoint({
    method: 'PUT',
    path: '/api/v1/annual-reports/:recognitionId/:year/city-check',
    params: reportParams,
    body: cityCheckInputSchema,
    response: annualReportViewSchema,
  }),
  evaluate: endpoint({
    method: 'PUT',
    path: '/api/v1/annual-reports/:recognitionId/:year/evaluation',
    params: reportParams,
    body: evaluationInputSchema,
    response: annualReportViewSchema,
  }),
  orderRectification: endpoint({
    method: 'POST',
    path: '/api/v1/recognitions/:recognitionId/rectification',
    params: recognitionParams,
    body: rectificationOrderSchema,
    status: 201,
    response: annualReportViewSchema,
  }),
  acceptRectification: endpoint({
    method: 'POST',
    path: '/api/v1/recognitions/:recognitionId/rectification/acceptance',
    params: recognitionParams,
    body: rectificationAcceptSchema,
    response: annualReportViewSchema,
  }),
};
