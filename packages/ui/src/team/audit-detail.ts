/**
 * An audit line's detail in the user's language. The server writes a refused request's detail as
 * `<CODE> <METHOD> <path>` (packages/server/src/http/app.ts): its code is worded here, the request
 * kept as it is. A detail of another shape is shown as it came, so that nothing is lost.
 */
import type { I18n } from '../i18n/i18n.js';

type T = I18n['t'];

/** The codes the server audits when it refuses a request. */
const auditedCodes = ['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED'] as const;
type AuditedCode = (typeof auditedCodes)[number];
const isAuditedCode = (code: string): code is AuditedCode =>
  (auditedCodes as readonly string[]).includes(code);

/** `UNAUTHENTICATED GET /api/session` as `サインインしていません（GET /api/session）`. */
export function auditDetail(kind: string, detail: unknown, t: T): string {
  if (detail === undefined || detail === null) return '';
  if (typeof detail !== 'string') return JSON.stringify(detail);
  if (kind !== 'refused') return detail;
  const [code = '', method = '', ...rest] = detail.split(' ');
  if (!isAuditedCode(code) || !/^[A-Z]+$/.test(method)) return detail;
  return t('admin.refusedRequest', {
    reason: t(`admin.refusal.${code}`),
    request: `${method} ${rest.join(' ')}`,
  });
}
