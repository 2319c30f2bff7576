import { z } from 'zod';
import { PRODUCT_UNITS } from '../../shared/enums';
import { byId, id, listQuery, nameText, optionalLine, optionalText, text, version } from './common';
import { channel } from './define';
import { isValidTimeZone } from './zonedTime';
import { workOrderDefaultMinutesInput } from './estimatedMinutes';
import { slaTargetsInput } from './slaTargets';
import { checklistTemplatesInput } from './checklists';
import type { CategoryDto, CustomerDto, ProductDto, SettingsViewDto } from './dto';

const optionalField = (max: number) => text(max).nullable().optional();

export const categoryFields = { name: nameText(100), description: optionalField(1000) };
export const customerFields = {
  name: nameText(200),
  contactName: optionalField(200),
  phone: optionalField(50),
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)).nullable().optional().or(z.literal('').transform(() => null)),
  address: optionalField(500),
  town: optionalField(100),
  notes: optionalField(4000),
};
export const productFields = {
  sku: nameText(64),
  name: nameText(200),
  description: optionalField(2000),
  tracksSerial: z.boolean().optional(),
  /** What its quantities count (default 'unit'); copied onto each part logged, so a later change rewrites no OT. */
  unit: z.enum(PRODUCT_UNITS).optional(),
};

/** An update names the row and the version it was read at (a stale one is CONFLICT), then any fields to change. */
const partial = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ id, version, ...z.object(shape).partial().shape });

export const categoryCreateInput = z.strictObject(categoryFields);
export const customerCreateInput = z.strictObject(customerFields);
export const productCreateInput = z.strictObject(productFields);

const hexOrDataUrl = z
  .string()
  .max(700_000)
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, 'a PNG or JPEG data URL');

export const settingsUpdateInput = z.strictObject({
  companyName: optionalLine(200),
  companyAddress: optionalText(500),
  companyPhone: optionalLine(50),
  companyEmail: z.string().trim().max(254).optional(),
  companyTaxId: optionalLine(32),
  companyLogo: hexOrDataUrl.nullable().optional(),
  ticketPrefix: z.string().trim().regex(/^[A-Z0-9]{1,8}$/, '1 to 8 capital letters or digits').optional(),
  workOrderPrefix: z.string().trim().regex(/^[A-Z0-9]{1,8}$/, '1 to 8 capital letters or digits').optional(),
  sessionTimeoutMinutes: z.number().int().min(1).max(24 * 60).optional(),
  language: z.enum(['system', 'es', 'en']).optional(),
  telemetrySocketEnabled: z.boolean().optional(),
  telemetrySocketPort: z.number().int().min(1024).max(65535).optional(),
  timeZone: z.string().trim().max(64).refine(isValidTimeZone, 'an IANA time zone such as Europe/Madrid').optional(),
  workOrderDefaultMinutes: workOrderDefaultMinutesInput.optional(),
  slaTargets: slaTargetsInput.optional(),
  checklistTemplates: checklistTemplatesInput.optional(),
  /** The version of each setting being changed, as settings.get showed it (0: it had no stored value). */
  versions: z.record(z.string().max(64), z.number().int().min(0)),
});

export const catalogChannels = {
  'categories.list': channel<CategoryDto[]>()({ input: listQuery, access: 'session' }),
  'categories.create': channel<CategoryDto>()({ input: categoryCreateInput, access: 'catalog:write' }),
  'categories.update': channel<CategoryDto>()({ input: partial(categoryFields), access: 'catalog:write' }),
  'categories.delete': channel<null>()({ input: byId, access: 'catalog:write' }),

  'customers.list': channel<CustomerDto[]>()({
    input: listQuery.extend({ limit: z.number().int().min(1).max(500).optional() }),
    access: 'session',
  }),
  'customers.get': channel<CustomerDto>()({ input: byId, access: 'session' }),
  'customers.create': channel<CustomerDto>()({ input: customerCreateInput, access: ['catalog:write', 'tickets:write'] }),
  'customers.update': channel<CustomerDto>()({ input: partial(customerFields), access: ['catalog:write', 'tickets:write'] }),
  'customers.delete': channel<null>()({ input: byId, access: 'catalog:write' }),

  'products.list': channel<ProductDto[]>()({
    input: listQuery.extend({ limit: z.number().int().min(1).max(500).optional() }),
    access: 'session',
  }),
  'products.create': channel<ProductDto>()({ input: productCreateInput, access: 'catalog:write' }),
  'products.update': channel<ProductDto>()({ input: partial(productFields), access: 'catalog:write' }),
  'products.delete': channel<null>()({ input: byId, access: 'catalog:write' }),

  'settings.get': channel<SettingsViewDto>()({ input: z.strictObject({}), access: 'session' }),
  'settings.update': channel<SettingsViewDto>()({ input: settingsUpdateInput, access: 'settings:admin' }),
};
