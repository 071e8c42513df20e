import { connect } from './api/connect.js';
import { askEarly } from './api/early-queries.js';
import { markOnce, startupMarks } from './api/startup-marks.js';

/*
 * The window's first script is small on purpose: it opens the connection to the engine and asks the first
 * screen's questions at once, then loads the window (React, the router, the pages) while the engine answers.
 * connect() takes the web-mode token out of the fragment before the router reads the fragment as a route.
 */
markOnce(startupMarks.scriptStart);
const connection = connect();
const early = askEarly(connection.call, location.hash);
void import('./app/mount-window.js').then(({ mountWindow }) => mountWindow(connection, early));
