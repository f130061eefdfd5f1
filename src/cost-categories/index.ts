// Filled in by the cost-categories issue: export this area's public constructs here.
export {};
