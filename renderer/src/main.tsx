// First: the session and the first screen's data and code are asked for before the rest is even evaluated.
import './app/startCalls';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App } from './app/App';
import { prepareFormatters } from './lib/format';
import { applyTheme, storedTheme } from './lib/theme';

// Before the first paint, so a dark choice never flashes light.
applyTheme(storedTheme());

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
// After React's first render is scheduled, before the session's and first screen's answers come back.
window.setTimeout(prepareFormatters, 0);
