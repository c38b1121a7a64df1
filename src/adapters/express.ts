// Adapter entry `http-error-kit/express`: built and exported; its API arrives with the adapters.
export {};
