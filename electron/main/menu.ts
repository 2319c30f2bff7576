// The native menu as a pure template (Spanish or English); roles give the platform's own behaviour.
import type { MenuItemConstructorOptions } from 'electron';
import type { Language } from './messages';

export interface MenuOptions {
  language: Language;
  platform: NodeJS.Platform;
  appName: string;
  /** Development builds get reload and DevTools. */
  developer: boolean;
}

const LABELS = {
  es: {
    file: 'Archivo', quit: 'Salir', close: 'Cerrar ventana', edit: 'Edición', undo: 'Deshacer', redo: 'Rehacer', cut: 'Cortar',
    copy: 'Copiar', paste: 'Pegar', selectAll: 'Seleccionar todo', view: 'Ver', reload: 'Recargar', devTools: 'Herramientas de desarrollo',
    resetZoom: 'Tamaño real', zoomIn: 'Ampliar', zoomOut: 'Reducir', fullScreen: 'Pantalla completa', window: 'Ventana',
    minimize: 'Minimizar', zoom: 'Zoom', help: 'Ayuda', about: 'Acerca de', hide: 'Ocultar', hideOthers: 'Ocultar otros', unhide: 'Mostrar todo',
  },
  en: {
    file: 'File', quit: 'Quit', close: 'Close Window', edit: 'Edit', undo: 'Undo', redo: 'Redo', cut: 'Cut',
    copy: 'Copy', paste: 'Paste', selectAll: 'Select All', view: 'View', reload: 'Reload', devTools: 'Developer Tools',
    resetZoom: 'Actual Size', zoomIn: 'Zoom In', zoomOut: 'Zoom Out', fullScreen: 'Full Screen', window: 'Window',
    minimize: 'Minimize', zoom: 'Zoom', help: 'Help', about: 'About', hide: 'Hide', hideOthers: 'Hide Others', unhide: 'Show All',
  },
} as const;

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const t = LABELS[options.language];
  const mac = options.platform === 'darwin';
  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [
      { role: 'about', label: `${t.about} ${options.appName}` },
      { type: 'separator' },
      { role: 'hide', label: `${t.hide} ${options.appName}` },
      { role: 'hideOthers', label: t.hideOthers },
      { role: 'unhide', label: t.unhide },
      { type: 'separator' },
      { role: 'quit', label: `${t.quit} ${options.appName}` },
    ],
  };
  const fileMenu: MenuItemConstructorOptions = {
    label: t.file,
    submenu: mac ? [{ role: 'close', label: t.close }] : [{ role: 'close', label: t.close }, { type: 'separator' }, { role: 'quit', label: t.quit }],
  };
  const editMenu: MenuItemConstructorOptions = {
    label: t.edit,
    submenu: [
      { role: 'undo', label: t.undo },
      { role: 'redo', label: t.redo },
      { type: 'separator' },
      { role: 'cut', label: t.cut },
      { role: 'copy', label: t.copy },
      { role: 'paste', label: t.paste },
      { role: 'selectAll', label: t.selectAll },
    ],
  };
  const viewMenu: MenuItemConstructorOptions = {
    label: t.view,
    submenu: [
      ...(options.developer
        ? ([{ role: 'reload', label: t.reload }, { role: 'toggleDevTools', label: t.devTools }, { type: 'separator' }] as MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom', label: t.resetZoom },
      { role: 'zoomIn', label: t.zoomIn },
      { role: 'zoomOut', label: t.zoomOut },
      { type: 'separator' },
      { role: 'togglefullscreen', label: t.fullScreen },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: t.window,
    role: 'windowMenu',
    submenu: [{ role: 'minimize', label: t.minimize }, ...(mac ? ([{ role: 'zoom', label: t.zoom }] as MenuItemConstructorOptions[]) : [])],
  };
  const helpMenu: MenuItemConstructorOptions = {
    label: t.help,
    role: 'help',
    submenu: [{ role: 'about', label: `${t.about} ${options.appName}` }],
  };
  return [...(mac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}
