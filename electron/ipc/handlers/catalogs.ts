import type { catalogChannels } from '../../contract/catalogs';
import { categories, customerCatalog, productCatalog } from '../../services/catalogs';
import { readSettingsView, updateSettingsDownscalingLogo } from '../../services/settings';
import type { HandlerMap } from './types';

export const catalogHandlers: HandlerMap<keyof typeof catalogChannels> = {
  'categories.list': (ctx, input) => categories.list(ctx, input),
  'categories.create': (ctx, input) => categories.create(ctx, input),
  'categories.update': (ctx, input) => categories.update(ctx, input),
  'categories.delete': (ctx, input) => categories.remove(ctx, input.id),

  'customers.list': (ctx, input) => customerCatalog.list(ctx, input),
  'customers.get': (ctx, input) => customerCatalog.get(ctx, input.id),
  'customers.create': (ctx, input) => customerCatalog.create(ctx, input),
  'customers.update': (ctx, input) => customerCatalog.update(ctx, input),
  'customers.delete': (ctx, input) => customerCatalog.remove(ctx, input.id),

  'products.list': (ctx, input) => productCatalog.list(ctx, input),
  'products.create': (ctx, input) => productCatalog.create(ctx, input),
  'products.update': (ctx, input) => productCatalog.update(ctx, input),
  'products.delete': (ctx, input) => productCatalog.remove(ctx, input.id),

  'settings.get': (ctx) => readSettingsView(ctx.db),
  'settings.update': (ctx, input) => updateSettingsDownscalingLogo(ctx, input),
};
