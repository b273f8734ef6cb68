// Preloaded with `node --import`: every Node network API throws, so any network use by a scan fails loudly.
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

const refuse = (what) => () => {
  throw new Error(`bosswatch-network-use: ${what}`);
};
net.Socket.prototype.connect = refuse('net.Socket.connect');
net.connect = net.createConnection = refuse('net.connect');
tls.connect = refuse('tls.connect');
for (const m of [http, https]) m.request = m.get = refuse('http.request');
dgram.createSocket = refuse('dgram.createSocket');
for (const k of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']) dns[k] = refuse(`dns.${k}`);
for (const k of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']) dns.promises[k] = refuse(`dns.promises.${k}`);
globalThis.fetch = refuse('fetch');
