// Español / English / según el sistema, for every user, from the sidebar footer (stored on this machine).
import { Languages } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiLanguage } from '../../../electron/contract';
import { chooseLanguage, storedLanguage, userLanguage } from '../i18n';
import './LanguageSwitcher.css';

const OPTIONS: UiLanguage[] = ['system', 'es', 'en'];

export function LanguageSwitcher() {
  const { t } = useTranslation('tickets');
  const [value, setValue] = useState<UiLanguage>(() => userLanguage() ?? storedLanguage() ?? 'system');
  return (
    <label className="language-switcher">
      <Languages size={14} aria-hidden="true" />
      <span className="sr-only">{t('language.label')}</span>
      <select
        name="language"
        value={value}
        onChange={(e) => {
          const next = e.target.value as UiLanguage;
          setValue(next);
          void chooseLanguage(next);
        }}
      >
        {OPTIONS.map((option) => (
          <option key={option} value={option} lang={option === 'system' ? undefined : option}>
            {t(`language.${option}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
