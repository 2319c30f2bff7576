// This computer's default / según el sistema / Español / English, from the sidebar footer and the sign-in card (kept
// on this machine, for whoever uses it).
import { Languages } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, userLanguage, type LanguageChoice } from '../i18n';
import './LanguageSwitcher.css';

const OPTIONS: LanguageChoice[] = ['default', 'system', 'es', 'en'];

export function LanguageSwitcher() {
  const { t } = useTranslation('tickets');
  const [value, setValue] = useState<LanguageChoice>(() => userLanguage() ?? 'default');
  return (
    <label className="language-switcher">
      <Languages size={14} aria-hidden="true" />
      <span className="sr-only">{t('language.label')}</span>
      <select
        name="language"
        value={value}
        onChange={(e) => {
          const next = e.target.value as LanguageChoice;
          setValue(next);
          void chooseLanguage(next);
        }}
      >
        {OPTIONS.map((option) => (
          <option key={option} value={option} lang={option === 'es' || option === 'en' ? option : undefined}>
            {t(`language.${option}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
