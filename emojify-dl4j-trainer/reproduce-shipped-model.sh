#!/bin/sh
# Reproduces the emotion model that emojify-djl ships, from FER-2013, in one command (about 8 hours on 2 CPU cores).
# Every step resumes where it stopped: run the script again after an interruption.
#   DATA  FER-2013 (a folder with train/ and test/, or fer2013.csv); default ../shared/data/fer2013
#   RUNS  where the run folders go; default runs
#   OUT   the model folder to write; default the library's embedded model
set -eu
DATA=${DATA:-../shared/data/fer2013}
RUNS=${RUNS:-runs}
OUT=${OUT:-emojify-djl/src/main/resources/io/emojify/djl/models/emotion}
TRAINER="java -Xmx6g -jar ${TRAINER_JAR:-emojify-dl4j-trainer/target/emojify-trainer.jar}"

# 1. compact: the paper's recipe for 80 epochs, then cosine annealing to zero at epoch 250 (4 h 11 min here)
$TRAINER train --data "$DATA" --run "$RUNS/compact" --arch compact --epochs 250 --schedule cosine --anneal-after 80
# 2. wide: cosine annealing from lr 0.01 over 100 epochs (88 min here)
$TRAINER train --data "$DATA" --run "$RUNS/wide" --arch wide --epochs 100 --schedule cosine --seed 20261125
# 3. the teacher: the two as one ensemble (68.4% on PublicTest)
if [ ! -f "$RUNS/teacher-compact-wide/model-card.json" ]; then
  $TRAINER export --run "$RUNS/compact" --run "$RUNS/wide" --data "$DATA" --name emojify-emotion-compact-wide \
    --crop-scale 0.95 --crop-shift-y 0 --out "$RUNS/teacher-compact-wide" \
    --command "emojify-dl4j-trainer/reproduce-shipped-model.sh, steps 1-3 (compact, wide, their ensemble)"
fi
# 4. compact again, from step 1's best weights, distilled from the teacher over 90 epochs of cosine annealing (2 h here)
set -- --data "$DATA" --run "$RUNS/distil" --arch compact --init "$RUNS/compact" --teacher "$RUNS/teacher-compact-wide" \
  --distill-weight 0.7 --temperature 4 --epochs 90 --schedule cosine --lr 0.003 --seed 20261126
$TRAINER train "$@"
# 5. into the library (export also fits the temperature that calibrates the probabilities)
$TRAINER export --run "$RUNS/distil" --data "$DATA" --name emojify-emotion-compact --crop-scale 0.95 --crop-shift-y 0 \
  --out "$OUT" --command "emojify-dl4j-trainer/reproduce-shipped-model.sh (its last training step: train $*)"
