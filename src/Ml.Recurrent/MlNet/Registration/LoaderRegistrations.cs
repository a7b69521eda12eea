using Microsoft.ML;
using Ml.Recurrent;
using Ml.Recurrent.MlNet.Registration;

// How ML.NET's Model.Load finds our loaders: the zip names this assembly, ML.NET loads it and reads these
// attributes (materialised only because of [IgnoresAccessChecksTo], see AccessChecks.cs). Each loader is the
// private static Create(IHostEnvironment, ModelLoadContext) of ModelLoaders' nested class named for its entry.
[assembly: LoadableClass(typeof(RecurrentTokenizerTransformer), typeof(ModelLoaders.Tokenizer), null,
    typeof(SignatureLoadModel), "Ml.Recurrent tokenizer", ModelLoaders.Tokenizer.LoaderSignature)]
[assembly: LoadableClass(typeof(RecurrentTextClassifierTransformer), typeof(ModelLoaders.Classifier), null,
    typeof(SignatureLoadModel), "Ml.Recurrent text classifier", ModelLoaders.Classifier.LoaderSignature)]
