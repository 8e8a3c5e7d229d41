// tebiki's service worker, written by `tebiki build` for one build of the
// site (src/cli/offline.rs fills in BASE, VERSION and FILES). Browsers run it
// only in a secure context (HTTPS, localhost); on a plain http:// host the
// page never registers it (src/cli/offline.js) and the site works as without.
//
// - install: every file of this build is fetched into this build's cache
//   (`tebiki BASE VERSION`), all or nothing (the files named by their content
//   from any copy the browser has, the others revalidated with the server);
// - the site's files are served from that cache first (they belong to this
//   build, hashed assets and pages alike, so a page never meets another
//   build's script); a page address is matched without its query (`?run=`);
// - the manifest and the playbooks (`playbooks/`) come from the network
//   first, the cache keeping the last copy for when there is none: reconciling
//   a run with a changed playbook needs the fresh one whenever it is there;
// - a new build waits (never an unconditional skipWaiting): the page offers
//   「新しい版があります（再読み込み）」 and asks this worker to take over
//   only when the person chooses to reload; once active, the older builds'
//   caches of this base are removed.

const BASE = '__BASE__';
const VERSION = '__VERSION__';
const FILES = '__FILES__';
const PREFIX = `tebiki ${BASE} `;
const CACHE = PREFIX + VERSION;

// A file named by its content (`name-0123456789abcdef.js`, trunk's and the
// generator's): any copy the browser already has is this one (the page may
// have prefetched the app); anything else is asked for again.
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/;

self.addEventListener('install', (event) => {
  const request = (file) => new Request(BASE + file, { cache: HASHED.test(file) ? 'default' : 'no-cache' });
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map(request))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'tebiki:update') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(BASE)) return;
  const path = url.pathname.slice(BASE.length);
  event.respondWith(path.startsWith('playbooks/') ? networkFirst(url) : cacheFirst(request));
});

/** The network's answer (revalidated, never a stale HTTP cache), kept for
 * later; the kept copy when the network cannot be reached. */
async function networkFirst(url) {
  const cache = await caches.open(CACHE);
  const key = url.origin + url.pathname;
  try {
    const response = await fetch(key, { cache: 'no-cache', credentials: 'same-origin' });
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(key);
    if (kept) return kept;
    throw error;
  }
}

/** This build's copy; the network for anything the build does not have. */
async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
  return kept ?? fetch(request);
}
