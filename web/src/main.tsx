import { render } from 'solid-js/web';
import { App } from './App.tsx';
import { lang } from './lib/i18n.ts';
import './styles.css';

document.documentElement.lang = lang();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
render(() => <App />, root);
