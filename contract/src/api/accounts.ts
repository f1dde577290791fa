import { z } from 'zod';
import { activeSessionSchema } from '../sessions.js';
import { endpoint, noContent } from './endpoint.js';

const sessionParams = z.object({ sessionId: z.string().regex(/^[\w-]{22}$/, { error: '格式不正确' }) });

/** The signed-in user's own sessions: list them, end one, end all others. */
export const sessionEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/api/v1/account/sessions',
    response: z.object({ items: z.array(activeSessionSchema) }),
  }),
  end: endpoint({
    method: 'DELETE',
    path: '/api/v1/account/sessions/:sessionId',
    params: sessionParams,
    status: 204,
    response: noContent,
  }),
  endOthers: endpoint({
    method: 'DELETE',
    path: '/api/v1/account/sessions',
    response: z.object({ ended: z.number().int() }),
  }),
};
