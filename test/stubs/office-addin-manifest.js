// Stub for office-addin-manifest, which office-addin-mock requires: it is ESM-only, Jest's runtime here is
// CommonJS, and office-addin-mock needs only these enums from it.
module.exports = {
  OfficeApp: {
    Excel: "excel",
    OneNote: "onenote",
    Outlook: "outlook",
    PowerPoint: "powerpoint",
    Project: "project",
    Word: "word",
  },
};
