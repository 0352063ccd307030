// Turns an ordered list of layers (lowest first) into eslint-plugin-boundaries policies: a file may
// import its own layer and every layer below it; a layer with captured values (a feature folder) may
// import only its own folder, never a sibling. Test helpers are for test files only.

/** @param {{ type: string, capture?: string[] }[]} layers */
export function layerPolicies(layers) {
  const policies = layers.map((layer, index) => {
    const below = layers.slice(0, index).map((lower) => lower.type);
    const own = layer.capture
      ? { type: layer.type, captured: Object.fromEntries(layer.capture.map((name) => [name, `{{ from.element.captured.${name} }}`])) }
      : { type: layer.type };
    return {
      from: { element: { type: layer.type } },
      allow: { to: [{ element: own }, ...(below.length > 0 ? [{ element: { types: { anyOf: below } } }] : [])] },
    };
  });
  return [
    ...policies,
    // Test files and the helpers they share may import anything of the app.
    { from: { file: { categories: 'test' } }, allow: { to: { element: { types: { anyOf: ['testing', ...layers.map((layer) => layer.type)] } } } } },
    { from: { element: { type: 'testing' } }, allow: { to: { element: { types: { anyOf: ['testing', ...layers.map((layer) => layer.type)] } } } } },
  ];
}

// The simulator's layers and what each may import (sim/README.md has the same table).
const simAllowed = {
  'sim-base': ['sim-base'],
  'sim-defender': ['sim-base', 'sim-defender'],
  'sim-identity': ['sim-base', 'sim-identity'],
  'sim-seed': ['sim-base', 'sim-defender', 'sim-seed'],
  'sim-composition': ['sim-base', 'sim-defender', 'sim-identity', 'sim-seed', 'sim-composition'],
  'sim-testing': ['sim-base', 'sim-defender', 'sim-identity', 'sim-seed', 'sim-testing'],
};

export function simPolicies() {
  return [
    ...Object.entries(simAllowed).map(([category, allowed]) => ({ from: { file: { categories: category } }, allow: { to: { file: { categories: { anyOf: allowed } } } } })),
    // A test may drive any part of the simulator, as the e2e tests drive the whole.
    { from: { file: { categories: 'test' } }, allow: { to: { file: { categories: { anyOf: Object.keys(simAllowed) } } } } },
  ];
}

/**
 * The relay's layers, lowest first: each imports its own and those below it, and the app's pure modules.
 * Its test helpers and tests may also start the simulator (its composition and seed) and use its client.
 */
export function relayPolicies(categories) {
  const policies = categories.map((category, index) => {
    const allowed = [...categories.slice(0, index + 1), 'app-pure'];
    if (category === 'relay-testing') allowed.push('sim-base', 'sim-seed', 'sim-testing', 'core-testing');
    return { from: { file: { categories: category } }, allow: { to: { file: { categories: { anyOf: allowed } } } } };
  });
  return [
    ...policies,
    { from: { file: { categories: 'test' } }, allow: { to: { file: { categories: { anyOf: [...categories, 'app-pure', 'core-testing', 'sim-base', 'sim-seed', 'sim-composition', 'sim-testing'] } } } } },
  ];
}

/**
 * The server's layers (eslint.config.js, server/README.md): each imports those below it, the relay (but its
 * test helpers), the core and the deployment's header rules; its test helpers and tests also start the
 * simulator and use the relay's and the core's test helpers.
 */
export function serverPolicies(relayCategories) {
  const relay = relayCategories.filter((category) => category !== 'relay-testing');
  const shared = [...relay, 'app-pure', 'deploy-headers'];
  const allowed = {
    'server-config': ['server-config', ...shared],
    'server-part': ['server-config', 'server-part', ...shared],
    'server-http': ['server-config', 'server-part', 'server-http', ...shared],
    'server-composition': ['server-config', 'server-http', 'server-composition'],
  };
  const everything = [...Object.keys(allowed), 'server-testing', ...relayCategories, 'app-pure', 'core-testing', 'deploy-headers', 'sim-base', 'sim-seed', 'sim-testing'];
  return [
    ...Object.entries(allowed).map(([category, to]) => ({ from: { file: { categories: category } }, allow: { to: { file: { categories: { anyOf: to } } } } })),
    { from: { file: { categories: 'server-testing' } }, allow: { to: { file: { categories: { anyOf: everything } } } } },
    { from: { file: { categories: 'test' } }, allow: { to: { file: { categories: { anyOf: [...everything, 'sim-composition'] } } } } },
  ];
}
