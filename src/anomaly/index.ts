// Filled in by the anomaly issue: export this area's public constructs here.
export {};
