import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { preloadPage } from './app/AppRoutes';
import './app/app.css';

// A page loaded before a new build asks for chunks that are gone; loading it again fetches the new ones.
window.addEventListener('vite:preloadError', () => window.location.reload());

preloadPage(window.location.pathname);

const container = document.getElementById('root');
if (!container) throw new Error('缺少 #root 容器');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
