export default {
  poweredByHeader: false,
  experimental: { turbopackFileSystemCacheForBuild: false },
};
