// React.lazy suspends on a screen's first render even when its code has already arrived, and once the fallback is
// shown React holds the screen back for up to 300 ms more (it throttles reveals). A screen whose code was preloaded
// (at start, while the session is checked) renders at once instead.
import { lazy, useState, type ComponentType } from 'react';

export interface LazyScreen<P extends object> {
  Screen: ComponentType<P>;
  /** Starts loading the code (once); a failure is left for the render to meet through Suspense. */
  preload(): void;
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
    // Chosen once per mount: switching from the lazy wrapper to the module's component would remount the screen.
    const [Component] = useState(() => loaded ?? Lazy);
    return <Component {...props} />;
  }
  return {
    Screen,
    preload: () => {
      start().catch(() => undefined);
    },
  };
}
