// Adapter entry `http-error-kit/node`: built and exported; its API arrives with the adapters.
export {};
