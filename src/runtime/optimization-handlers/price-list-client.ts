import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import type { PriceListQuery } from './ebs-price-source';

/**
 * The Region whose endpoint answers the Price List Query API, whatever Region the function runs
 * in: "AWS Price List Service API provides the following two endpoints:
 * https://api.pricing.us-east-1.amazonaws.com, https://api.pricing.ap-south-1.amazonaws.com"
 * (https://docs.rs/aws-sdk-pricing/0.24.0/aws_sdk_pricing/, the service's own API documentation).
 * The endpoint is not the Region priced: the request filters on `regionCode`.
 */
export const PRICE_LIST_REGION = 'us-east-1';

/**
 * A Price List client with the function's own credentials (an organization run never prices
 * through a member account's role: prices are the same for every account and the grant sits on
 * the function's role). The SDK's default 3 attempts: the hand-copied table is the fallback, so a
 * throttled Price List costs the run no more than a few seconds.
 */
export function priceListClient(): PricingClient {
  return new PricingClient({ region: PRICE_LIST_REGION });
}

/** GetProducts pages through `client`, each PriceList entry as the JSON text AWS sent. */
export function priceListQuery(client: PricingClient): PriceListQuery {
  return {
    getProducts: async (request) => {
      const page = await client.send(new GetProductsCommand({ ...request, Filters: [...request.Filters] }));
      const entries = (page.PriceList ?? []) as unknown as readonly unknown[];
      return { FormatVersion: page.FormatVersion, NextToken: page.NextToken, PriceList: entries.map((entry) => String(entry)) };
    },
  };
}
