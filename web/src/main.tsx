import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PUBLIC_PAGES, PublicApp } from './public/PublicApp';

// A page loaded before a new build asks for chunks that are gone; loading it again fetches the new ones.
window.addEventListener('vite:preloadError', () => window.location.reload());

const container = document.getElementById('root');
if (!container) throw new Error('缺少 #root 容器');
const root = createRoot(container);

/**
 * The full app with antd, for every page but the public ones, and for a signed-in user on those. Its public
 * page chunk starts loading while the app asks for the session, instead of after.
 */
function loadApp(): void {
  void import('./app/fullApp').then(({ App, preloadPage }) => {
    preloadPage(window.location.pathname);
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
}

// The login and precheck pages, where most visits start, load neither antd nor the app's other code:
// a light entry draws them (web/src/public), so a phone shows them fast.
const { pathname } = window.location;
if (PUBLIC_PAGES.includes(pathname)) {
  root.render(
    <StrictMode>
      <PublicApp pathname={pathname} onSignedInUser={loadApp} />
    </StrictMode>,
  );
} else {
  loadApp();
}
