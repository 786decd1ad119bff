import * as tf from '@tensorflow/tfjs';
import { RecurrentError } from '@recurrent/core';
import type { BundleSource } from './bundle-source.js';
import { checkWeightBytes } from './model-files.js';

async function fetchOk(url: string, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new RecurrentError('IO', `${url}: cannot fetch bundle file: ${detail}`, { cause: error });
  }
  if (!response.ok) {
    throw new RecurrentError(
      'IO',
      `${url}: cannot fetch bundle file: HTTP ${response.status} ${response.statusText}`,
    );
  }
  return response;
}

/**
 * A {@link BundleSource} for a bundle served over http(s): side files come through `fetch`, the
 * model through stock `tf.io.http`, whose requests are watched so that a missing shard and a
 * short weight file are errors naming the URL.
 *
 * @example
 * const source = urlBundleSource('https://example.org/models/pos/');
 * const model = await tf.loadLayersModel(source.modelHandler());
 */
export function urlBundleSource(url: string): BundleSource {
  const base = url.endsWith('/model.json')
    ? url.slice(0, -'model.json'.length)
    : url.endsWith('/')
      ? url
      : `${url}/`;
  const where = (name: string) => new URL(name, base).href;
  return {
    location: base,
    where,
    readText: async (name) => (await fetchOk(where(name))).text(),
    modelHandler: () => {
      const shards: { name: string; byteLength: number }[] = [];
      const fetchFunc = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
        const target = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        const response = await fetchOk(target, init);
        if (target.endsWith('/model.json')) return response;
        const body = await response.arrayBuffer();
        shards.push({ name: target, byteLength: body.byteLength });
        return new Response(body, { status: response.status, headers: response.headers });
      };
      const http = tf.io.http(where('model.json'), { fetchFunc });
      return {
        load: async () => {
          const artifacts = await http.load!();
          checkWeightBytes(artifacts.weightSpecs ?? [], shards);
          return artifacts;
        },
      };
    },
  };
}
