// Reads its settings from the environment, the way the chapter's first version did.
const http = require("http");

const jwtSecret = process.env.JWT_SECRET;
if (!jwtSecret) {
  throw new Error("JWT_SECRET is not set");
}

http
  .createServer((req, res) => res.end("leaky shop is up\n"))
  .listen(8080);
