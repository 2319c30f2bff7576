// React.lazy suspends on a screen's first render even when its code has already arrived, and once the fallback is
// shown React holds the screen back for up to 300 ms more (it throttles reveals). A screen whose code was preloaded
// (at start, while the session is checked) renders at once when it has arrived, and draws nothing until then when it is
// still on its way (no fallback shown, so nothing holds it back); only a screen whose code nobody asked for yet goes
// through Suspense.
import { lazy, useEffect, useState, type ComponentType } from 'react';

export interface LazyScreen<P extends object> {
  Screen: ComponentType<P>;
  /** Starts loading the code (once); settles when it has arrived or failed (a failure is left for the render to meet through Suspense). */
  preload(): Promise<void>;
}

export function lazyScreen<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): LazyScreen<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const start = () =>
    (loading ??= load().then(
      (module) => {
        loaded = module.default;
        return module;
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));
  const Lazy = lazy(start) as unknown as ComponentType<P>;
  function Screen(props: P) {
    // Chosen once per mount (switching from the lazy wrapper to the module's component would remount the screen); null
    // while preloaded code is on its way, then the module's component (or the lazy wrapper when that load failed).
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded ?? (loading ? null : Lazy));
    useEffect(() => {
      if (Component || !loading) return;
      let mounted = true;
      loading.then(
        (module) => mounted && setComponent(() => module.default),
        () => mounted && setComponent(() => Lazy),
      );
      return () => {
        mounted = false;
      };
    }, [Component]);
    return Component ? <Component {...props} /> : null;
  }
  return {
    Screen,
    preload: () => start().then(
      () => undefined,
      () => undefined,
    ),
  };
}
