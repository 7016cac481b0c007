/** Entry point of the bundle (`/app.js`): starts the dashboard in `#app`, and the operational alert banner above it. */
import { startMonitorApp } from './monitor-app.js';
import { startOperationsBanner } from './operations-banner.js';

startMonitorApp({ root: document.getElementById('app') ?? document.body });
startOperationsBanner();
