/**
 * The dev panel's "cut the network to the platform" (browser mode): while the gate is down every
 * platform request fails at once as `network-down`, without opening a socket, so offline
 * behaviour can be shown and tested without touching the machine's network.
 */
export interface NetworkGate {
  isUp(): boolean;
  setUp(up: boolean): void;
}

export function createNetworkGate(initiallyUp = true): NetworkGate {
  let up = initiallyUp;
  return {
    isUp: () => up,
    setUp: (next) => {
      up = next;
    },
  };
}
