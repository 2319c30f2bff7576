// Client-side validation with the contract's own zod schemas, messages in the user's language.
import type { TFunction } from 'i18next';
import type { z } from 'zod';

/** Maps zod issues to one translated message per top-level field. */
export function zodFieldErrors(t: TFunction, schema: z.ZodType, value: unknown): Record<string, string> {
  const result = schema.safeParse(value);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (errors[field]) continue;
    errors[field] = issueMessage(t, issue);
  }
  return errors;
}

function issueMessage(t: TFunction, issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return Number(issue.minimum) <= 1 ? t('common:validation.required') : t('common:validation.tooShort', { min: Number(issue.minimum) });
    case 'too_big':
      return t('common:validation.tooLong', { max: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'email' ? t('common:validation.email') : t('common:validation.invalid');
    case 'invalid_type':
      return t('common:validation.required');
    case 'custom': {
      // The contract's own reasons (text nobody can read) have their words; others stay generic.
      const reason = (issue.params as { reason?: unknown } | undefined)?.reason;
      return typeof reason === 'string' ? t(`common:validation.${reason}`, { defaultValue: t('common:validation.invalid') }) : t('common:validation.invalid');
    }
    default:
      return t('common:validation.invalid');
  }
}
