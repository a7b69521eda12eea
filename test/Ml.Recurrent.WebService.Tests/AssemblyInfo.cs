using Microsoft.VisualStudio.TestTools.UnitTesting;

// Each test starts its own server on its own model files; one at a time keeps the 2-core CI machine responsive.
[assembly: DoNotParallelize]
