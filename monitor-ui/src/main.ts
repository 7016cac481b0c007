/** Entry point of the bundle (`/app.js`): starts the dashboard in `#app`. */
import { startMonitorApp } from './monitor-app.js';

startMonitorApp({ root: document.getElementById('app') ?? document.body });
