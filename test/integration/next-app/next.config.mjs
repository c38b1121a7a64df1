export default {
  poweredByHeader: false,
  experimental: { turbopackFileSystemCacheForBuild: false },
  // Set by test/integration/next.test.ts: a directory holding the app and the real node_modules.
  turbopack: { root: process.env.HTTP_ERROR_KIT_TURBOPACK_ROOT },
};
