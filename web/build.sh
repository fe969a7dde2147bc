#!/bin/sh
# Copy the front-end libraries pinned in package-lock.json into the package's static folder.
# Usage: (cd web && npm ci && npm run build)   — or: sh web/build.sh (runs npm ci itself when needed)
set -eu
cd "$(dirname "$0")"
[ -d node_modules/echarts ] || npm ci --no-audit --no-fund
DEST=../src/warta/serve/static/vendor
mkdir -p "$DEST/swagger-ui"
cp node_modules/cytoscape/dist/cytoscape.min.js "$DEST/cytoscape.min.js"
cp node_modules/echarts/dist/echarts.min.js "$DEST/echarts.min.js"
cp node_modules/swagger-ui-dist/swagger-ui-bundle.js "$DEST/swagger-ui/swagger-ui-bundle.js"
cp node_modules/topojson-client/dist/topojson-client.min.js "$DEST/topojson-client.min.js"
cp node_modules/world-atlas/countries-50m.json "$DEST/world-countries-50m.json"
cp node_modules/topojson-client/LICENSE "$DEST/topojson-client.LICENSE.txt"
cp node_modules/world-atlas/LICENSE "$DEST/world-atlas.LICENSE.txt"
cp node_modules/swagger-ui-dist/swagger-ui.css "$DEST/swagger-ui/swagger-ui.css"
cp node_modules/cytoscape/LICENSE "$DEST/cytoscape.LICENSE.txt"
cp node_modules/echarts/LICENSE "$DEST/echarts.LICENSE.txt"
cp node_modules/zrender/LICENSE "$DEST/zrender.LICENSE.txt"
[ -f node_modules/echarts/NOTICE ] && cp node_modules/echarts/NOTICE "$DEST/echarts.NOTICE.txt"
cp node_modules/swagger-ui-dist/LICENSE "$DEST/swagger-ui/LICENSE.txt"
cp node_modules/swagger-ui-dist/swagger-ui-bundle.js.LICENSE.txt "$DEST/swagger-ui/swagger-ui-bundle.js.LICENSE.txt"
[ -f node_modules/swagger-ui-dist/NOTICE ] && cp node_modules/swagger-ui-dist/NOTICE "$DEST/swagger-ui/NOTICE.txt"
echo "vendored into $DEST:"
ls -l "$DEST" "$DEST/swagger-ui"
