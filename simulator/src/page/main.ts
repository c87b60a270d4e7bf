/**
 * The `crowdcue simulate` page: builds the venue's crowd from the server's
 * recipe, feeds it every transmission the virtual transmitter puts on air, and
 * draws it live. What it shows is what the audience would see.
 */
import { io } from 'socket.io-client';
import { mountCrowdView, type CrowdView, type RendererChoice } from '../renderer/index';
import type { Crowd, VenueMap } from '../index';
import { readAirMessage } from './air-message';
import { crowdFromRecipe } from './crowd-recipe';
import type { PageHello } from './page-events';
import { ShowClockFollower } from './show-clock-follower';

/** What tests read from the page (window.crowdcueSimulate). */
export interface SimulatePageState {
  ready: boolean;
  packets: number;
  badMessages: number;
  lastError?: string;
  view?: CrowdView;
  crowd?: Crowd;
  venue?: VenueMap;
  showNow(): number;
}

const el = (id: string) => document.getElementById(id) as HTMLElement;
const params = new URLSearchParams(location.search);
const wanted = params.get('renderer');
const renderer: RendererChoice = wanted === 'webgl2' || wanted === 'worker' || wanted === 'canvas2d' ? wanted : 'auto';

const clock = new ShowClockFollower(() => performance.now());
const state: SimulatePageState = { ready: false, packets: 0, badMessages: 0, showNow: () => clock.now() };
(window as unknown as { crowdcueSimulate: SimulatePageState }).crowdcueSimulate = state;

const fmt = new Intl.NumberFormat('en');
let packetsShown = -1;
function showPackets(): void {
  if (packetsShown === state.packets) return;
  packetsShown = state.packets;
  el('packets').textContent = fmt.format(state.packets);
}

function fail(message: string): void {
  state.lastError = message;
  const box = el('error');
  box.textContent = message;
  box.hidden = false;
}

function adopt(hello: PageHello): void {
  clock.reset(hello.nowMs);
  let crowd: Crowd;
  try {
    crowd = crowdFromRecipe(hello.crowd);
  } catch (e) {
    fail(`could not build the crowd: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  const venue = crowd.venue;
  const seatLabel = venue ? (i: number) => venue.seats[i] : undefined;
  const positions = { x: crowd.fx, y: crowd.fy };
  if (state.view) {
    state.view.setCrowd(crowd, { seatLabel, positions });
  } else {
    state.view = mountCrowdView(el('view'), { crowd, seatLabel, positions, renderer, clock: () => clock.now() });
    state.view.start();
    el('renderer').textContent = state.view.rendererInfo;
  }
  state.crowd = crowd;
  state.venue = venue;
  state.packets = 0;
  el('venue').textContent = venue?.name ?? 'CrowdCue simulator';
  el('bands').textContent = `${fmt.format(crowd.bandCount)} of ${fmt.format(crowd.count)} seats`;
  showPackets();
}

function hear(msg: unknown): void {
  const crowd = state.crowd;
  if (!crowd) return;
  const air = readAirMessage(msg, crowd.count);
  if (!air.ok) {
    state.badMessages++;
    state.lastError = air.error;
    return;
  }
  crowd.receive(air.value.rf, air.value.endMs, air.value.reached);
  state.packets++;
}

const socket = io({ transports: ['websocket'] });
socket.on('connect', () => {
  el('status').textContent = 'live';
  el('status').className = '';
});
socket.on('disconnect', () => {
  el('status').textContent = 'disconnected';
  el('status').className = 'down';
});
socket.on('hello', (hello: PageHello) => adopt(hello));
socket.on('replay', (list: unknown) => {
  if (Array.isArray(list)) for (const msg of list) hear(msg);
  state.ready = state.crowd !== undefined;
  showPackets();
});
socket.on('air', (msg: unknown) => {
  hear(msg);
  showPackets();
});
socket.on('clock', (serverNowMs: unknown) => {
  if (typeof serverNowMs === 'number' && Number.isFinite(serverNowMs)) clock.sample(serverNowMs);
});
