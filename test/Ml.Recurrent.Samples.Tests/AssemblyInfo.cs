using Microsoft.VisualStudio.TestTools.UnitTesting;

// TorchSharp's seed and thread count are process-wide, and SentimentModel's engine is static: one test at a time.
[assembly: DoNotParallelize]
