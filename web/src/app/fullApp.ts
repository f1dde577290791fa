// The full app with antd, as main.tsx loads it for every page but the light entry's: the app, its routes'
// preloading and its style sheet, in one import.
import './app.css';

export { App } from './App';
export { preloadPage } from './AppRoutes';
