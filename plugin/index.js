// The hapn provider plugin's entry: starts its gRPC server from the built package (provider/hosts/plugin-main.ts)
// and prints its port for the engine. The engine's address is the plugin's argument.
require("../dist/provider/hosts/plugin-main.js").main(process.argv.slice(2));
