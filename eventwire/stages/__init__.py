"""Pipeline stages, one module each; data flows read → normalize → parse → actors → events → when → where."""
