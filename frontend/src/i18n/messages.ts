import type { Lang } from './lang';

// Texts of the interface. Every key exists in the three languages (the type
// makes a missing translation a compile error).
export interface Messages {
  tagline: string;
  intro: string;
  languageLabel: string;
  versionLabel: string;
  versionLoading: string;
  versionError: string;
  cliTitle: string;
  cliIntro: string;
  cliDeclare: string;
  cliValidate: string;
  cliMore: string;
  privacy: string;
}

export const MESSAGES: Readonly<Record<Lang, Messages>> = {
  fr: {
    tagline: 'Déclarations de salaires CNSS, hors ligne et en sécurité',
    intro:
      "Tasrih aide les employeurs et les comptables marocains à préparer, vérifier et transmettre chaque mois leur déclaration des salaires à la CNSS (DAMANCOM). Les données restent sur cet ordinateur, chiffrées.",
    languageLabel: 'Langue',
    versionLabel: 'Version',
    versionLoading: 'chargement…',
    versionError: 'indisponible',
    cliTitle: 'Le moteur de déclaration est disponible en ligne de commande',
    cliIntro:
      "Les écrans de saisie arrivent. En attendant, les mêmes contrôles s'exécutent depuis un terminal :",
    cliDeclare: 'produit le fichier DS du mois à partir du préétabli et de la paie, après vérification',
    cliValidate: "vérifie un fichier DS ou DSC avant son dépôt et liste les anomalies",
    cliMore: '« tasrih help » liste toutes les commandes.',
    privacy: "Aucune donnée n'est envoyée sans votre action.",
  },
  ar: {
    tagline: 'التصريح بالأجور لدى الضمان الاجتماعي، دون اتصال وبأمان',
    intro:
      'يساعد «تصريح» المشغّلين والمحاسبين في المغرب على إعداد التصريح الشهري بالأجور لدى الصندوق الوطني للضمان الاجتماعي (DAMANCOM) والتحقق منه وإرساله. تبقى البيانات مشفّرة على هذا الحاسوب.',
    languageLabel: 'اللغة',
    versionLabel: 'الإصدار',
    versionLoading: 'جارٍ التحميل…',
    versionError: 'غير متوفر',
    cliTitle: 'محرك التصريح متاح من سطر الأوامر',
    cliIntro: 'شاشات الإدخال قادمة. وفي انتظار ذلك، تُنفَّذ نفس عمليات التحقق من الطرفية:',
    cliDeclare: 'ينشئ ملف DS للشهر انطلاقاً من الملف المُعدّ مسبقاً وكشف الأجور، بعد التحقق',
    cliValidate: 'يتحقق من ملف DS أو DSC قبل إيداعه ويعرض الأخطاء',
    cliMore: 'الأمر «tasrih help» يعرض جميع الأوامر.',
    privacy: 'لا تُرسَل أي بيانات دون إجراء منك.',
  },
  en: {
    tagline: 'CNSS salary declarations, offline and safe',
    intro:
      'Tasrih helps Moroccan employers and accountants prepare, check and submit their monthly salary declaration to the CNSS (DAMANCOM). The data stays on this computer, encrypted.',
    languageLabel: 'Language',
    versionLabel: 'Version',
    versionLoading: 'loading…',
    versionError: 'unavailable',
    cliTitle: 'The declaration engine is available from the command line',
    cliIntro: 'The data-entry screens are on their way. Meanwhile, the same checks run from a terminal:',
    cliDeclare: "builds the month's DS file from the pre-filled file and the payroll, after checking it",
    cliValidate: 'checks a DS or DSC file before you upload it and lists the problems',
    cliMore: '"tasrih help" lists every command.',
    privacy: 'Nothing is sent without your action.',
  },
};
