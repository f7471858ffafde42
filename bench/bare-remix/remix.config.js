/**
 * The reference for the web benchmark: a bare Remix v2 app of one route, built with the
 * project's own Remix, React and Express, so a page's cost is read against the framework's.
 * @type {import('@remix-run/dev').AppConfig}
 */
export default {
  appDirectory: "app",
  serverBuildPath: "build/index.js",
  assetsBuildDirectory: "public/build",
  publicPath: "/build/",
  serverModuleFormat: "esm",
};
