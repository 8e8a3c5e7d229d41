// The service worker's registration and the update prompt: src/cli/offline.rs.
(() => {
  if (typeof window === 'undefined' || !window.isSecureContext || !('serviceWorker' in navigator)) return;
  if ('leaving' in document.documentElement.dataset) return;
  const base = document.querySelector('meta[name="tebiki-base"]')?.content;
  if (!base) return;
  const workers = navigator.serviceWorker;
  let asked = false;
  workers.addEventListener('controllerchange', () => asked && location.reload());
  const register = () => workers.register(`${base}sw.js`, { scope: base }).then(
    (registration) => {
      const offer = () => {
        const region = document.getElementById('tebiki-update');
        if (!region || !workers.controller || region.firstChild) return;
        const text = document.createElement('span');
        text.textContent = region.dataset.text;
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = region.dataset.action;
        button.addEventListener('click', () => {
          asked = true;
          button.disabled = true;
          if (registration.waiting) registration.waiting.postMessage('tebiki:update');
          else location.reload();
        });
        const close = document.createElement('button');
        close.type = 'button';
        close.className = 'plain';
        close.textContent = '×';
        close.setAttribute('aria-label', region.dataset.dismiss);
        close.addEventListener('click', () => region.replaceChildren());
        region.append(text, button, close);
      };
      if (registration.waiting) offer();
      registration.addEventListener('updatefound', () => {
        const worker = registration.installing;
        worker?.addEventListener('statechange', () => worker.state === 'installed' && offer());
      });
      const check = () => registration.update().catch(() => {});
      window.addEventListener('online', check);
      document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && check());
    },
    () => {},
  );
  // After the page's own loading: the worker fetches the whole build.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
})();
