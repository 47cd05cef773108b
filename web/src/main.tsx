// Entry point: restore the remembered language, then draw the app into #app.

import { render } from 'preact';
import { App } from './app';
import { initLang, onLangChange } from './i18n';
import { browserStorage } from './storage';
import './styles/base.css';
import './styles/frame.css';
import './styles/pages.css';
import './styles/units.css';
import './styles/forms.css';
import './styles/admin.css';
import './styles/records.css';
import './styles/plans.css';
import './styles/tips.css';
import './styles/support.css';
import './styles/dashboard.css';
import './styles/offline.css';
import { registerServiceWorker } from './offline/register';
import { startOffline } from './offline/vault';

// <html lang> follows the language at once, before the page re-renders, so that screen readers
// and the browser's hyphenation never see the new words under the old language.
document.documentElement.lang = initLang(browserStorage());
onLangChange((lang) => {
  document.documentElement.lang = lang;
});

// The offline mode (issue 9): the device store, offline reading of the API's lists, and the service
// worker that keeps the app's files for a start with no network.
void startOffline();
registerServiceWorker();

const root = document.getElementById('app');
if (root) render(<App />, root);
