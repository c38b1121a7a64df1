export default {
  poweredByHeader: false,
  // forbidden() and unauthorized() of next/navigation
  experimental: { authInterrupts: true, turbopackFileSystemCacheForBuild: false },
};
