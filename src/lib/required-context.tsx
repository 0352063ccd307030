import { createContext, useContext, type ReactNode } from 'react';

/**
 * A context whose value is set once at start-up and must be there: the hook throws when a component is
 * rendered outside its provider (a test or a refactor that forgot it), rather than run with nothing.
 */
export function requiredContext<T>(name: string) {
  const Context = createContext<T | null>(null);
  function Provider({ value, children }: { value: T; children: ReactNode }) {
    return <Context.Provider value={value}>{children}</Context.Provider>;
  }
  function useValue(): T {
    const value = useContext(Context);
    if (value === null) throw new Error(`${name} is used outside its provider`);
    return value;
  }
  return [Provider, useValue] as const;
}
