/**
 * Next.js bundles its own copy of this package for API routes, while the custom server and the
 * workers load it from source. Both copies run in one process, so process-wide resources (the
 * database client, Redis connections, listener registries) live on globalThis under one key:
 * whichever copy asks first creates the resource, the other reuses it.
 */
const registry = globalThis as typeof globalThis & {
	__dokploySingletons?: Map<string, unknown>;
};

export const processSingleton = <T>(key: string, create: () => T): T => {
	registry.__dokploySingletons ??= new Map();
	const store = registry.__dokploySingletons;
	if (!store.has(key)) store.set(key, create());
	return store.get(key) as T;
};

/** Forgets a resource, so the next `processSingleton` call creates a new one. With `only`, only
 * while that instance is the one stored (a late clean-up never drops its replacement). */
export const forgetProcessSingleton = (key: string, only?: unknown) => {
	const store = registry.__dokploySingletons;
	if (only === undefined || store?.get(key) === only) store?.delete(key);
};
