// Stratus console: the s3 pages (registered with Console.register; drawn from the console API under /_stratus/console/api/s3).
// /s3 lists the buckets; /s3/bucket?name=&prefix= browses one bucket folder by folder (ListObjectsV2 folded at "/"),
// with a detail panel per object (HeadObject and its tags) and a download link that always saves, never renders.
(() => {
  "use strict";
  const { BASE, ApiError, register, h, fill, api, q, formatDate, field, setCrumbs, ready } = Console;

  const bucketURL = (name, prefix) => `${BASE}/s3/bucket?name=${q(name)}${prefix ? `&prefix=${q(prefix)}` : ""}`;
  const downloadURL = (bucket, key) => `${BASE}/api/s3/object?bucket=${q(bucket)}&key=${q(key)}`;

  /** Bytes as B, KB, MB, GB (powers of 1024), one decimal above 10 KB and below 10 of a unit. */
  function formatSize(bytes) {
    if (bytes === undefined || bytes === null) return "—";
    const units = ["B", "KB", "MB", "GB", "TB"];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    return unit === 0 ? `${bytes} B` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
  }

  /** "1,234 bytes" for a size's title. */
  const exactBytes = (bytes) => `${Number(bytes).toLocaleString("en-US")} bytes`;

  // ---------------------------------------------------------------- buckets

  /** /s3: the buckets table, or how to create a bucket when there is none. */
  async function bucketsPage(app) {
    setCrumbs({ label: "S3" });
    document.title = "S3 buckets · Stratus console";
    const { buckets, truncated } = await api("/s3/buckets");
    app.replaceChildren(
      h("div", { class: "page-head" }, h("h1", {}, "S3 buckets"),
        h("span", { class: "muted" }, `${buckets.length}${truncated ? "+" : ""} in this account`)),
      buckets.length === 0
        ? h("div", { class: "panel empty", id: "s3-buckets-empty" }, h("p", {}, "No buckets yet."),
          h("p", { class: "muted" }, "Create one with ", h("code", {}, "aws s3 mb s3://my-bucket"), "."))
        : h("table", { class: "table", id: "s3-buckets" },
          h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Region"), h("th", {}, "Created"))),
          h("tbody", {}, buckets.map((bucket) => h("tr", { "data-name": bucket.name },
            h("td", {}, h("a", { href: bucketURL(bucket.name) }, bucket.name)),
            h("td", {}, bucket.region || "—"),
            h("td", {}, formatDate(bucket.creationDate)))))));
    ready("s3-buckets");
  }

  // ---------------------------------------------------------------- one bucket

  /** Breadcrumbs S3 / bucket / each segment of the prefix, each a link to that level. */
  function crumbs(bucket, prefix) {
    const segments = prefix === "" ? [] : prefix.split("/");
    if (prefix.endsWith("/")) segments.pop();
    const items = [{ label: "S3", href: `${BASE}/s3` }, { label: bucket, href: bucketURL(bucket) }];
    let path = "";
    segments.forEach((segment, i) => {
      path += segment + (i < segments.length - 1 || prefix.endsWith("/") ? "/" : "");
      items.push({ label: segment === "" ? "(empty)" : segment, href: bucketURL(bucket, path) });
    });
    setCrumbs(...items);
  }

  /** The object's detail panel: HeadObject's facts, its user metadata and its tags. */
  function detailPanel(bucket, details) {
    const checksums = Object.keys(details).filter((name) => name.startsWith("Checksum") && name !== "ChecksumType");
    const metadata = Object.entries(details.Metadata || {});
    const tags = details.TagSet || [];
    return h("div", {},
      h("h2", { class: "s3-detail-key" }, details.Key),
      h("dl", { class: "facts" },
        field("Size", h("span", { title: exactBytes(details.ContentLength || 0) }, formatSize(details.ContentLength || 0))),
        field("Content type", details.ContentType || "—"),
        field("Last modified", formatDate(details.LastModified)),
        field("ETag", h("code", {}, details.ETag || "—")),
        field("Storage class", details.StorageClass || "STANDARD"),
        details.VersionId ? field("Version", h("code", {}, details.VersionId)) : null,
        details.ContentEncoding ? field("Content encoding", details.ContentEncoding) : null,
        details.CacheControl ? field("Cache control", details.CacheControl) : null,
        details.ServerSideEncryption ? field("Encryption", details.ServerSideEncryption) : null,
        checksums.flatMap((name) => field(name.replace("Checksum", "Checksum "), h("code", {}, details[name])))),
      h("h3", {}, "Metadata"),
      metadata.length === 0 ? h("p", { class: "muted" }, "None")
        : h("table", { class: "table s3-pairs", id: "s3-metadata" },
          h("tbody", {}, metadata.map(([name, value]) => h("tr", {}, h("td", {}, name), h("td", {}, value))))),
      h("h3", { class: "s3-tags-title" }, "Tags"),
      tags.length === 0 ? h("p", { class: "muted" }, "None")
        : h("table", { class: "table s3-pairs", id: "s3-tags" },
          h("tbody", {}, tags.map((tag) => h("tr", { "data-tag": tag.Key }, h("td", {}, tag.Key), h("td", {}, tag.Value))))),
      h("p", {}, h("a", { class: "s3-download", href: downloadURL(bucket, details.Key), download: "" }, "Download")));
  }

  /** One listing page as a table: folders (links to their level) first, then objects; `onSelect(key)` opens one. */
  function objectsTable(listing, onSelect) {
    const { bucket, prefix, folders, objects } = listing;
    const relative = (name) => name.slice(prefix.length);
    return h("table", { class: "table", id: "s3-objects" },
      h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Size"), h("th", {}, "Last modified"),
        h("th", {}, "Storage class"), h("th", {}, ""))),
      h("tbody", {},
        folders.map((folder) => h("tr", { "data-prefix": folder, class: "s3-folder" },
          h("td", {}, h("a", { href: bucketURL(bucket, folder) }, relative(folder))),
          h("td", { class: "muted" }, "Folder"), h("td", {}, ""), h("td", {}, ""), h("td", {}, ""))),
        objects.map((object) => h("tr", { "data-key": object.key },
          h("td", {}, h("a", { href: "#", class: "s3-object-name", onclick: (event) => {
            event.preventDefault();
            onSelect(object.key);
          } }, relative(object.key) || object.key)),
          h("td", { title: exactBytes(object.size) }, formatSize(object.size)),
          h("td", {}, formatDate(object.lastModified)),
          h("td", {}, object.storageClass || "STANDARD"),
          h("td", {}, h("a", { class: "s3-download", href: downloadURL(bucket, object.key), download: "" }, "Download"))))));
  }

  /** /s3/bucket?name=&prefix=&token=: one page of the bucket below the prefix, with the object detail panel. */
  async function bucketPage(app, parameters) {
    const bucket = parameters.get("name");
    const prefix = parameters.get("prefix") || "";
    const token = parameters.get("token") || "";
    if (!bucket) throw new ApiError(400, "ValidationException", "The page needs ?name=<bucket name>.");
    crumbs(bucket, prefix);
    document.title = `${prefix ? prefix + " · " : ""}${bucket} · Stratus console`;
    const listing = await api(`/s3/objects?bucket=${q(bucket)}&prefix=${q(prefix)}${token ? `&token=${q(token)}` : ""}`);

    const detail = h("aside", { class: "panel selected s3-detail", id: "s3-object-detail" },
      h("p", { class: "muted" }, "Select an object to see its details."));
    let selecting = 0;
    const select = async (key) => {
      const request = ++selecting;
      document.querySelectorAll("#s3-objects tr.s3-selected").forEach((row) => row.classList.remove("s3-selected"));
      document.querySelectorAll("#s3-objects tr[data-key]").forEach((row) => {
        if (row.dataset.key === key) row.classList.add("s3-selected");
      });
      fill(detail, h("p", { class: "muted" }, "Loading…"));
      detail.dataset.key = "";
      try {
        const details = await api(`/s3/object/head?bucket=${q(bucket)}&key=${q(key)}`);
        if (request !== selecting) return;
        fill(detail, detailPanel(bucket, details));
        detail.dataset.key = key;
      } catch (error) {
        if (request !== selecting) return;
        fill(detail, h("p", { class: "error-text" }, error.message));
      }
    };

    const empty = listing.folders.length === 0 && listing.objects.length === 0;
    const count = `${listing.folders.length} folder${listing.folders.length === 1 ? "" : "s"}, ` +
      `${listing.objects.length} object${listing.objects.length === 1 ? "" : "s"}${token ? " on this page" : ""}`;
    const nextPage = listing.nextToken
      ? h("a", { class: "s3-next", id: "s3-next-page", href: `${bucketURL(bucket, prefix)}&token=${q(listing.nextToken)}` }, "Next page")
      : null;
    app.replaceChildren(
      h("div", { class: "page-head" }, h("h1", {}, bucket), prefix ? h("code", { class: "s3-prefix" }, prefix) : null,
        h("span", { class: "muted" }, count)),
      h("div", { class: "columns" },
        h("section", { class: "panel" },
          empty
            ? h("p", { class: "muted", id: "s3-objects-empty" }, prefix ? "Nothing below this prefix." : "This bucket is empty.",
              " Upload with ", h("code", {}, `aws s3 cp file s3://${bucket}/${prefix}`), ".")
            : objectsTable(listing, select),
          h("div", { class: "s3-pager" }, token ? h("a", { href: bucketURL(bucket, prefix) }, "First page") : null, nextPage)),
        detail));
    ready("s3-bucket");
  }

  register("/s3", (app) => bucketsPage(app));
  register("/s3/bucket", (app, parameters) => bucketPage(app, parameters));
})();
