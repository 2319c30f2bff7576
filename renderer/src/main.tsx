import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App } from './app/App';
import { preloadScreen } from './app/Screens';
import { parseHash } from './lib/router';
import { applyTheme, storedTheme } from './lib/theme';

// Before the first paint, so a dark choice never flashes light.
applyTheme(storedTheme());
// The first screen's code loads while the session is checked, not after it.
preloadScreen(parseHash(window.location.hash));

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
