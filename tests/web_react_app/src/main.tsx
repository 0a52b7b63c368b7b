import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";

const root = document.getElementById("root");
if (!root) throw new Error("no #root");
const config = new URLSearchParams(location.search).get("config") ?? "/config.json";
createRoot(root).render(
  <StrictMode>
    <App config={config} />
  </StrictMode>,
);
