// Every export (PDFs, CSV headers, the batch zip) comes out in the language the UI is showing, never the settings default.
import i18n from '../i18n';

export const uiLanguage = (): 'es' | 'en' => (i18n.language === 'en' ? 'en' : 'es');
