import { describe, expect, it } from 'vitest';
import { batchConfigSchema } from '#contract';
import batch2022 from '../seed/batch-2022.json' with { type: 'json' };
import { eligibleForm, makeUscc } from '../../test-support/fixtures.js';
import { findIncomplete, type CompletenessInput } from './completeness.js';

const config = batchConfigSchema.parse(batch2022.config);
const required = config.evidenceTypes.filter((t) => t.required).map((t) => t.key);
const complete: CompletenessInput = {
  form: eligibleForm,
  authorityCode: '410300',
  institutions: Array.from({ length: 5 }, (_, i) => ({
    name: `机构${i}`,
    uscc: makeUscc(i),
    agreementFileId: `f${i}`,
  })),
  rosterCount: 80,
  evidenceTypesPresent: new Set(required),
};
const codes = (patch: Partial<CompletenessInput>) =>
  findIncomplete({ ...complete, ...patch }, config).map((i) => `${i.code}:${i.field}`);

describe('completeness of an application', () => {
  it('finds nothing missing in a complete application', () => {
    expect(codes({})).toEqual([]);
  });

  it('lists missing and malformed fields by name', () => {
    expect(codes({ form: { ...eligibleForm, address: '', contactPhone: '123' } })).toEqual([
      'FIELD_MISSING:address',
      'FIELD_INVALID:contactPhone',
    ]);
  });

  it('requires every required evidence type', () => {
    expect(codes({ evidenceTypesPresent: new Set() })).toEqual(required.map((k) => `EVIDENCE_MISSING:${k}`));
  });

  it('requires the recognition document for the lab channel', () => {
    expect(codes({ form: { ...eligibleForm, channel: 'lab' } })).toEqual(['EVIDENCE_MISSING:lab_recognition']);
  });

  it('requires a designated area of the applicant’s own city', () => {
    expect(codes({ form: { ...eligibleForm, channel: 'designated_area', designatedAreaId: null } })).toEqual([
      'DESIGNATED_AREA_MISSING:designatedAreaId',
    ]);
    expect(
      codes({ form: { ...eligibleForm, channel: 'designated_area', designatedAreaId: 'puyang-info-city' } }),
    ).toEqual(['DESIGNATED_AREA_INVALID:designatedAreaId']);
    expect(
      codes({
        authorityCode: '410900',
        form: { ...eligibleForm, channel: 'designated_area', designatedAreaId: 'puyang-info-city' },
      }),
    ).toEqual([]);
  });

  it('requires an agreement and a valid code for each institution, and a roster', () => {
    expect(
      codes({ rosterCount: 0, institutions: [{ name: '甲', uscc: '91310110666007217A', agreementFileId: null }] }),
    ).toEqual([
      'ROSTER_MISSING:enterprisesServedLastYear',
      'INSTITUTION_USCC_INVALID:institutions.0.uscc',
      'INSTITUTION_AGREEMENT_MISSING:institutions.0.agreementFileId',
    ]);
  });

  it('refuses categories outside the batch list', () => {
    expect(codes({ form: { ...eligibleForm, categories: ['炒股服务'] } })).toEqual(['FIELD_INVALID:categories']);
  });
});
