// Claro / Oscuro / Según el sistema, for every user, from the sidebar footer (stored on this machine, like the language).
import { Moon, Sun, SunMoon } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseTheme, storedTheme, THEME_CHOICES, type ThemeChoice } from '../lib/theme';
import './LanguageSwitcher.css';

const ICONS = { system: SunMoon, light: Sun, dark: Moon } as const;

export function ThemeSwitcher() {
  const { t } = useTranslation('account');
  const [value, setValue] = useState<ThemeChoice>(storedTheme);
  const Icon = ICONS[value];
  return (
    <label className="language-switcher">
      <Icon size={14} aria-hidden="true" />
      <span className="sr-only">{t('theme.label')}</span>
      <select
        name="theme"
        value={value}
        onChange={(e) => {
          const next = e.target.value as ThemeChoice;
          setValue(next);
          chooseTheme(next);
        }}
      >
        {THEME_CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {t(`theme.${choice}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
