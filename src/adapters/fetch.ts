// Adapter entry `http-error-kit/fetch`: built and exported; its API arrives with the adapters.
export {};
