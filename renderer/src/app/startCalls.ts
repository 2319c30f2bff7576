// Imported first by main.tsx, so it runs before React, the translations and the app's modules are evaluated: a fresh
// open asks at once for the session, the settings and, when it opens on the ticket list, that list's first rows and
// counts (on the dispatch board, its first rows), and starts loading the first screen's code; the session store, the
// list store and the board's store take those answers (api/earlyCalls.ts) instead of asking once React has rendered
// and the session is known (two round trips fewer).
import { startEarlyCall } from '../api/earlyCalls';
import { boardDays } from '../features/dispatch/boardLayout';
import { FIRST_MODE, firstRowsInput } from '../features/dispatch/boardRows';
import { filterInput, FIRST_LIST_VIEW, listInputOf } from '../features/tickets/filters';
import { PAGE_SIZE } from '../features/tickets/store';
import { parseHash } from '../lib/router';
import { todayOnThisComputer } from '../features/workOrders/dates';
import { preloadScreen } from './Screens';

const route = parseHash(window.location.hash);
// Rows before the rest: the server answers in the order asked, and the rows are what the person waits for.
if (route.name === 'tickets') startEarlyCall('tickets.list', listInputOf(FIRST_LIST_VIEW, PAGE_SIZE));
// Before the settings arrive the computer's zone stands for the company's: the board's store takes this answer only when
// its own window is the same. Refused for a person who may not plan (nobody takes it then).
if (route.name === 'dispatch') startEarlyCall('workOrders.board', firstRowsInput(boardDays(FIRST_MODE, todayOnThisComputer())));
startEarlyCall('auth.status', {});
startEarlyCall('auth.me', {});
startEarlyCall('settings.get', {});
if (route.name === 'tickets') startEarlyCall('tickets.counts', filterInput(FIRST_LIST_VIEW.filters));
preloadScreen(route);
